// The npm @tus/server + @tus/file-store peer for the interop test: serves /files/ on
// 127.0.0.1 (any free port) storing into argv[2]; prints "PORT <n>" when listening.
import http from 'node:http';
import {Server} from '@tus/server';
import {FileStore} from '@tus/file-store';

const server = new Server({path: '/files', datastore: new FileStore({directory: process.argv[2]})});
const listener = http.createServer((req, res) => server.handle(req, res));
listener.listen(0, '127.0.0.1', () => console.log(`PORT ${listener.address().port}`));
process.on('SIGTERM', () => process.exit(0));
