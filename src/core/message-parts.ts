// Defined in src/shared/ (the vocabulary the core, the decoders, the converters and the UI share).
export * from '../shared/message-parts';
