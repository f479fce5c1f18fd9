import { defineHandlers } from '../api/handler';
import { saveExchangeUpload } from './file';

export const exchangeHandlers = defineHandlers({
  'exchange.readFile': async ({ fileName, dataBase64 }, { info }) => saveExchangeUpload(info.databasePath, fileName, Buffer.from(dataBase64, 'base64')),
});
