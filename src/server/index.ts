// Filled by the server issue.
export {};
