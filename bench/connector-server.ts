// A fake Bot Framework connector in its own process for the benchmarks: answers every reply with 200.
import http from 'node:http';
import { z } from 'zod/v4';

const { PORT } = z.object({ PORT: z.coerce.number().int() }).parse(process.env);
let count = 0;
http
  .createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"r${count}"}`);
    });
  })
  .listen(PORT, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
