package org.openami.concentrator.collector;

/** The kinds of work the scheduler tracks success for. */
public enum TaskKind {
    /** 15-minute load-curve points ({@link ReadTask.CurvePoint}). */
    CURVE,
    /** Yesterday's daily freeze, read from 00:05 ({@link ReadTask.DailyFreeze}). */
    DAILY_FREEZE,
    /** Missing daily freezes of earlier days ({@link ReadTask.DailyFreeze}, bulk priority). */
    BACKFILL,
    /** The previous month's settlement freeze, read on the settlement day ({@link ReadTask.MonthlyFreeze}). */
    MONTHLY_FREEZE,
    /** On-demand real-time reads ({@link ReadTask.Realtime}); only in per-meter status. */
    REALTIME
}
