export declare const BUSY_RETRY_AFTER_SECONDS: number;
export declare function holdBusyAnswer<Client>(
  schedule: { get(client: Client): number | undefined; set(client: Client, at: number): unknown },
  client: Client,
  now: number,
): number;
