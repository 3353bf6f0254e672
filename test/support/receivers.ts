import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  raw: string;
}

/** A real SMTP server on loopback (the smtp-server package) that keeps what it accepted. */
export interface TestSmtpServer {
  url: string;
  accepted: ReceivedMail[];
  /** Messages whose DATA arrived, acknowledged or not. */
  received: ReceivedMail[];
  /** While set, the answer to DATA waits for `release()` (a client killed meanwhile never gets it). */
  holdNext(): Promise<ReceivedMail>;
  /** Resolves once the client of the held message has disconnected. */
  heldClientGone(): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

function header(raw: string, name: string): string {
  const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  let hold: { arrived: (mail: ReceivedMail) => void } | null = null;
  let releaseHeld: (() => void) | null = null;
  let heldSession: string | null = null;
  const closed = new Set<string>();
  const smtp: TestSmtpServer = {
    url: '',
    accepted: [],
    received: [],
    holdNext: () => new Promise((resolve) => (hold = { arrived: resolve })),
    heldClientGone: async () => {
      while (heldSession === null || !closed.has(heldSession)) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    release: () => {
      releaseHeld?.();
      releaseHeld = null;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = { messageId: header(raw, 'Message-ID'), to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','), subject: header(raw, 'Subject'), raw };
        smtp.received.push(mail);
        const accept = () => {
          // A client that went away before the answer never had its message accepted.
          if (closed.has(session.id)) return;
          smtp.accepted.push(mail);
          callback();
        };
        if (hold) {
          const held = hold;
          hold = null;
          releaseHeld = accept;
          heldSession = session.id;
          held.arrived(mail);
        } else {
          accept();
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtp.url = `smtp://127.0.0.1:${((server as unknown as { server: Server }).server.address() as AddressInfo).port}`;
  return smtp;
}

export interface ReceivedWebhook {
  id: string;
  timestamp: number;
  signature: string;
  body: string;
}

/** A webhook receiver on loopback; `respond` decides each answer's status (after `delayMs`). */
export interface TestWebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  respond: (webhook: ReceivedWebhook, attempt: number) => number | Promise<number>;
  close(): Promise<void>;
}

export async function startTestWebhookReceiver(): Promise<TestWebhookReceiver> {
  const receiver: TestWebhookReceiver = {
    url: '',
    received: [],
    respond: () => 200,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const webhook = {
        id: String(request.headers['webhook-id']),
        timestamp: Number(request.headers['webhook-timestamp']),
        signature: String(request.headers['webhook-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      receiver.received.push(webhook);
      const attempt = receiver.received.filter((other) => other.id === webhook.id).length;
      response.statusCode = await receiver.respond(webhook, attempt);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
