// A real SMTP server for tests and benchmarks (smtp-server from the nodemailer authors): it accepts mail
// on a free local port and keeps each message parsed (mailparser). Refusals can be arranged per recipient.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export type ReceivedMail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Raw header values by lower-case name. */
  headers: Map<string, string>;
  /** The parsed message (null when the server was started with parse: false). */
  raw: ParsedMail | null;
};

export type TestSmtp = {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Refuse RCPT TO for `address` with `code` (550 = for good, 451 = try later) `times` times (Infinity by default). */
  refuse(address: string, code: number, times?: number): void;
  /** Resolves once at least `n` mails arrived (or rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Messages accepted (end of DATA). */
  accepted(): number;
  /** Bytes of message data received (parse: false only). */
  bytes(): number;
  close(): Promise<void>;
};

/** Starts an SMTP server on 127.0.0.1 and a free port. `parse: false` skips parsing (benchmarks count only). */
export async function startTestSmtp(opts: { parse?: boolean } = {}): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const refusals = new Map<string, { code: number; times: number }>();
  let accepted = 0;
  let bytes = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, cb) {
      const r = refusals.get(address.address.toLowerCase());
      if (r && r.times > 0) {
        r.times -= 1;
        const err = Object.assign(new Error(r.code >= 500 ? 'No such user here' : 'Try again later'), {
          responseCode: r.code,
        });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      if (opts.parse === false) {
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
        });
        stream.on('end', () => {
          accepted += 1;
          bytes += size;
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: '',
            subject: '',
            text: '',
            html: '',
            messageId: '',
            headers: new Map(),
            raw: null,
          });
          cb();
        });
        return;
      }
      simpleParser(stream)
        .then((m) => {
          accepted += 1;
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
            messageId: m.messageId ?? '',
            headers: new Map(m.headerLines.map((l) => [l.key, l.line.slice(l.line.indexOf(':') + 1).trim()])),
            raw: m,
          });
          cb();
        })
        .catch((e: Error) => cb(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    refuse(address, code, times = Infinity) {
      refusals.set(address.toLowerCase(), { code, times });
    },
    async waitFor(n, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} mails, got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return mails;
    },
    accepted: () => accepted,
    bytes: () => bytes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
