// Filled by the ui issue.
export {};
