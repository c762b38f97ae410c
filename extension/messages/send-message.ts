// How a page asks the worker something: typed by the catalogue, and a failure arrives as a
// MessageError with the worker's code.

import browser from 'webextension-polyfill';
import { MessageError, type Catalogue, type MessageType, type Reply } from './catalogue';

export async function sendMessage<K extends MessageType>(type: K, request: Catalogue[K]['request']): Promise<Catalogue[K]['reply']> {
  const reply = await browser.runtime.sendMessage<unknown, Reply<K> | undefined>({ ...request, type });
  if (!reply) throw new MessageError('no-reply', 'The extension did not answer; reload it from chrome://extensions.');
  if (!reply.ok) throw new MessageError(reply.code, reply.message);
  return reply.value;
}
