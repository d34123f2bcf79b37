export * from './core/index';
export * from './protocol/index';
