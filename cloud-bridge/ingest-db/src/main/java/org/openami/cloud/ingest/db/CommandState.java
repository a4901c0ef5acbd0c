package org.openami.cloud.ingest.db;

/** Where a command the cloud sent stands. */
public enum CommandState {
    /** Sent, no result yet. */
    SENT,
    /** The concentrator reported that the meter confirmed it. */
    SUCCEEDED,
    /** The concentrator reported that it failed (see the result reason). */
    FAILED,
    /** No result arrived before it expired ({@link CommandLog#expireOverdue}); a late result still moves it on. */
    EXPIRED
}
