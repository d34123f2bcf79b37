import { AIStreamError } from '../shared/errors';
import type { StreamConfig } from './types';

/** The config, if it is usable: an endpoint, numbers ≥ 0. Throws AIStreamError('invalid') otherwise. */
export function checkConfig(config: StreamConfig): StreamConfig {
  if (typeof config?.endpoint !== 'string' || !config.endpoint) {
    throw new AIStreamError('invalid', 'AIStream needs an endpoint, e.g. { endpoint: "/api/chat" }');
  }
  const numbers = { ...config.retry, idleTimeout: config.idleTimeout, timeout: config.timeout, maxBufferSize: config.maxBufferSize };
  for (const [name, value] of Object.entries(numbers)) {
    if (typeof value === 'number' && !(value >= 0)) throw new AIStreamError('invalid', `${name} must be a number ≥ 0`);
  }
  return config;
}
