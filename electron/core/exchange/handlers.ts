import { defineHandlers } from '../api/handler';
import { saveExchangeUpload } from './file';

export const exchangeHandlers = defineHandlers({
  'exchange.readFile': async ({ fileName, dataBase64 }) => saveExchangeUpload(fileName, Buffer.from(dataBase64, 'base64')),
});
