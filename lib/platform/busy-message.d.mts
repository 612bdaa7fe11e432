export const SERVER_BUSY_MESSAGE: string;
