/**
 * Entry of the Electron utility process that runs the core: SQLite queries, migrations and job
 * threads stay off the main process, so a slow query never freezes window handling or menus.
 */
import { openCore } from '../core/core';
import { parseCoreProcessArgs, type CoreToMainMessage } from './protocol';
import { createCoreProcessServer } from './server';

const port = process.parentPort;
const config = parseCoreProcessArgs(process.argv);

const server = createCoreProcessServer({
  openCore: () => openCore({ mode: 'electron', ...config }),
  post: (message: CoreToMainMessage) => port.postMessage(message),
  exit: (code) => process.exit(code),
});

port.on('message', (event) => {
  void server.handle(event.data);
});
void server.start();
