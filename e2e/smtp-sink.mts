// A mail server for the e2e suite: `tsx e2e/smtp-sink.mts PORT`. It accepts every message without
// authentication and keeps each one as JSON under test-results/mail/, where tests read what was sent.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { MAIL_SINK_DIRECTORY } from "./test-servers";

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || process.argv.length !== 3) throw new Error("usage: smtp-sink.mts PORT");

rmSync(MAIL_SINK_DIRECTORY, { recursive: true, force: true });
mkdirSync(MAIL_SINK_DIRECTORY, { recursive: true });
let received = 0;

const server = new SMTPServer({
  // Plain SMTP on loopback: no STARTTLS to offer a certificate for, and nobody to authenticate.
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((message) => {
        const to = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
        const file = path.join(MAIL_SINK_DIRECTORY, `${Date.now()}-${++received}.json`);
        // Written aside, then renamed: a test reading the folder never sees half a message.
        writeFileSync(
          `${file}.partial`,
          JSON.stringify({ to, subject: message.subject ?? "", text: message.text ?? "" }),
        );
        renameSync(`${file}.partial`, file);
        callback();
      })
      .catch((error: Error) => callback(error));
  },
});
server.listen(port, "127.0.0.1");
