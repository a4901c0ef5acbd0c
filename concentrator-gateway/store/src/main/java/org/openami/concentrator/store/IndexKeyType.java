package org.openami.concentrator.store;

import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** How MVStore stores and orders {@link IndexKey}s: zig-zag varints, ordered by {@link IndexKey#compareTo}. */
final class IndexKeyType extends BasicDataType<IndexKey> {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private IndexKeyType() {
    }

    @Override
    public int getMemory(IndexKey obj) {
        return 40;
    }

    @Override
    public void write(WriteBuffer buff, IndexKey k) {
        buff.putVarInt(zig(k.point()));
        buff.putVarInt(zig(k.kind()));
        buff.putVarLong((k.dataTime() << 1) ^ (k.dataTime() >> 63));
        buff.putVarInt(zig(k.quantity()));
    }

    @Override
    public IndexKey read(ByteBuffer buff) {
        int point = unzig(DataUtils.readVarInt(buff));
        int kind = unzig(DataUtils.readVarInt(buff));
        long t = DataUtils.readVarLong(buff);
        long dataTime = (t >>> 1) ^ -(t & 1);
        int quantity = unzig(DataUtils.readVarInt(buff));
        return new IndexKey(point, kind, dataTime, quantity);
    }

    @Override
    public int compare(IndexKey a, IndexKey b) {
        return a.compareTo(b);
    }

    @Override
    public IndexKey[] createStorage(int size) {
        return new IndexKey[size];
    }

    private static int zig(int v) {
        return (v << 1) ^ (v >> 31);
    }

    private static int unzig(int v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
