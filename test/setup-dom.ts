import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// waitFor/findBy wait for real streams over a local socket; 1 s (the default) is too tight on a
// busy 2-core machine. Passing tests return as soon as their condition holds.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
