// A TCP proxy between the upload client and the server: counts the bytes each way and can cut
// every open connection at once, as a flaky network or a dropped Wi-Fi would.
import { createServer, connect } from 'node:net';

export async function startProxy(targetPort, targetHost = '127.0.0.1') {
  const pairs = new Set();
  const stats = { bytesUp: 0, bytesDown: 0, connections: 0, refused: 0, cuts: 0 };
  let target = { host: targetHost, port: targetPort };

  const server = createServer((client) => {
    stats.connections += 1;
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    let connected = false;
    upstream.on('connect', () => { connected = true; });
    client.on('data', (data) => { stats.bytesUp += data.length; });
    upstream.on('data', (data) => { stats.bytesDown += data.length; });
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', () => {
      if (!connected) stats.refused += 1;
      close();
    });
    client.on('error', close);
    upstream.on('close', close);
    client.on('close', close);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    /** Sends new connections to another port (a restarted server). */
    retarget(port) {
      target = { ...target, port };
    },
    /** Destroys every open connection in both directions. */
    cutAll() {
      stats.cuts += 1;
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
