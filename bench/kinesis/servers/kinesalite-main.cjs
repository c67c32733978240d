// kinesalite through its programmatic API, bound to loopback only (its CLI listens on every interface).
// Run as a child process so the benchmark can read this process's memory and CPU time.
'use strict';
const kinesalite = require('kinesalite');

// A higher shard limit than the default 10: the benchmark creates three 4-shard streams.
const server = kinesalite({ shardLimit: 100 });
server.listen(0, '127.0.0.1', (err) => {
  if (err) throw err;
  console.log(`kinesalite listening on 127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
