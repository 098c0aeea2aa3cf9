// The outbox benchmark's webhook receiver, in its own process as a real receiver would be: answers every POST 204,
// remembers each distinct webhook-id, and tells the benchmark how many it holds (`GET /count`) and the last
// delivery's headers and body (`GET /sample`) so it can check the signature. Prints its port when listening.
import http from 'node:http';

const ids = new Set<string>();
let sample: { headers: http.IncomingHttpHeaders; body: string } | undefined;
const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.url === '/count' ? { count: ids.size } : sample ?? null));
    return;
  }
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    ids.add(String(req.headers['webhook-id']));
    sample = { headers: req.headers, body };
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as { port: number }).port}`));
process.on('SIGTERM', () => process.exit(0));
