// Filled by the react issue.
export {};
