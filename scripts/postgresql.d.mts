export declare const SCHEMA: string;
export declare const POSTGRES_SCHEMA: string;
export declare const POSTGRES_MIGRATIONS: string;
export declare function derivePostgresSchema(schema: string): string;
export declare function applyPostgresMigrations(url: string, options?: { log?: (line: string) => void }): Promise<void>;
export declare function recreatePostgresDatabase(url: string): Promise<void>;
