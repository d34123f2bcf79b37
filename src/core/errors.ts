// Defined in src/shared/ (the vocabulary the core and the wire-format decoders share).
export * from '../shared/errors';
