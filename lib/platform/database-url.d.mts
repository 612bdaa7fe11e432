export declare const DEFAULT_DATABASE_FILE: string;
/** Where the app's data lives: an SQLite file (the default) or a PostgreSQL database. */
export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgresql"; url: string };
export declare function readDatabaseTarget(env?: NodeJS.ProcessEnv): DatabaseTarget;
export declare function resolveDatabaseFile(env?: NodeJS.ProcessEnv): string;
export declare function databaseUrlFor(file: string): string;
export declare function pendingSignOutsFile(target: DatabaseTarget): string;
