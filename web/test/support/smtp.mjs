// A minimal SMTP sink on a free loopback port, for browser tests that follow a mailed link: it takes
// every mail (RFC 5321's commands, no authentication, no TLS) and keeps it decoded.
import { createServer } from 'node:net';

/** Quoted-printable (RFC 2045 §6.7) as the server's mail client writes it: soft breaks and =XX bytes. */
function decodeQuotedPrintable(text) {
  const bytes = Buffer.from(text.replace(/=\r?\n/g, ''), 'latin1').toString('latin1')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export async function startSmtpSink() {
  const mails = [];
  const waiting = [];
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let recipients = [];
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const raw = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push({ to: recipients, raw, text: decodeQuotedPrintable(raw) });
          recipients = [];
          socket.write('250 OK\r\n');
          waiting.splice(0).forEach((wake) => wake());
          continue;
        }
        const line = buffer.indexOf('\r\n');
        if (line < 0) return;
        const command = buffer.slice(0, line);
        buffer = buffer.slice(line + 2);
        const verb = command.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 sink\r\n');
        else if (verb === 'RCPT') { recipients.push(command.replace(/^.*<([^>]*)>.*$/, '$1')); socket.write('250 OK\r\n'); }
        else if (verb === 'DATA') { inData = true; socket.write('354 go on\r\n'); }
        else if (verb === 'QUIT') { socket.end('221 bye\r\n'); return; }
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    mails,
    /** The first mail to `address` whose text matches `pattern`, waiting up to `timeoutMs`. */
    async waitFor(address, pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find((m) => m.to.includes(address) && pattern.test(m.text));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${pattern} (got ${mails.length})`);
        await new Promise((resolve) => { waiting.push(resolve); setTimeout(resolve, 500); });
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
