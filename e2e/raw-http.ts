import net from "node:net";

// Requests written byte by byte, as a slow or hostile client writes them: what Playwright and fetch cannot send.

export type RawAnswer = { statusLine: string; text: string; closedAfterMs: number };

/**
 * Connects, writes `request` (and `then` whatever it likes), and resolves once the server has closed the
 * connection or `until` accepts what came back, with what came back and how long the connection lasted.
 */
export function rawExchange(
  url: string,
  request: string,
  { then, until = () => false }: { then?: (socket: net.Socket) => void; until?: (text: string) => boolean } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    let text = "";
    const socket = net.connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname, () => {
      socket.write(request);
      then?.(socket);
    });
    const finish = () => {
      resolve({ statusLine: text.split("\r\n")[0] ?? "", text, closedAfterMs: Date.now() - started });
      socket.destroy();
    };
    socket.on("data", (chunk) => {
      text += chunk;
      if (until(text)) finish();
    });
    // The server may cut a sender off mid-write; what it answered before is what counts.
    socket.on("error", () => {});
    socket.on("close", finish);
  });
}

/** The value of one header in a raw answer, or undefined. */
export function rawHeader(answer: RawAnswer, name: string) {
  const line = answer.text
    .split("\r\n\r\n")[0]!
    .split("\r\n")
    .find((header) => header.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
