import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';

/** A cache that keeps values in memory and honours the TTL against Date.now. */
export function memoryCache(): CacheService {
  const entries = new Map<string, { value: string; expires: number }>();
  const cache: CacheService = {
    async get<T extends JsonValue>(key: string) {
      const entry = entries.get(key);
      return entry && entry.expires > Date.now()
        ? (JSON.parse(entry.value) as T)
        : undefined;
    },
    async set(key, value, options) {
      entries.set(key, {
        value: JSON.stringify(value),
        expires: Date.now() + Number(options?.ttl),
      });
    },
    async delete(key) {
      entries.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}
