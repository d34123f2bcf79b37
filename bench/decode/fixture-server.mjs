// Serves the recorded streams over loopback HTTP, chunk by chunk as recorded, as fast as the socket takes them.
// Prints its port on stdout, then serves until killed.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { decodeFixtures } from '../lib/fixtures.mjs';

const fixtures = decodeFixtures();
const server = createServer(async (req, res) => {
  const path = req.url.split('?')[0];
  const protocol = path.endsWith('/openai-chat') || path.endsWith('/chat/completions') ? 'openai-chat' : path.endsWith('/anthropic') || path.endsWith('/messages') ? 'anthropic' : '';
  const fx = fixtures.find((f) => f.protocol === protocol);
  if (!fx) {
    res.writeHead(404).end();
    return;
  }
  // The SDKs POST; the raw floors GET. Drain any body first.
  req.resume();
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  for (const chunk of fx.chunks) {
    if (!res.write(chunk)) await once(res, 'drain');
  }
  res.end();
});
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
