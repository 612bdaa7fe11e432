export declare const REQUEST_LIMITS: {
  maxBodyBytes: number;
  maxHeaderBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  timeoutCheckIntervalMs: number;
  refusedBodyDrainMs: number;
  maxConnectionsPerAddress: number;
};
