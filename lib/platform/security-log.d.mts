export declare function logSecurityEvent(event: string, fields: Record<string, unknown>, now?: number): void;
