/**
 * ai-stream-kit/server/redis: a resume store on Redis streams for apps running more than one
 * server instance. Needs the `redis` package (node-redis), an optional peer dependency.
 */
export { createRedisResumeStore, type RedisResumeStore, type RedisResumeStoreOptions } from './redis-resume-store';
export { RedisResumeStoreError, type RedisClientLike, type RedisResumeOperation } from './redis-client';
