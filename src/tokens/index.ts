export { getTokenizer, type Tokenizer } from './tokenizer.js';
export { countRequest, countMessage, countTools, PER_MESSAGE_OVERHEAD, REPLY_PRIMING, type RequestCount } from './count-request.js';
export { lookupPrice, costUsd, type Price, type PriceLookup } from './prices.js';
