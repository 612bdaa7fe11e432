export declare const BUSY_RETRY_AFTER_SECONDS: number;
export declare function holdBusyAnswer(schedule: WeakMap<object, number>, connection: object, now: number): number;
