// (c) useChat + streamdown (its defaults: streaming mode, incomplete-markdown repair; no highlighter plugin).
import { Streamdown } from 'streamdown';
import { mount } from './usechat-app.jsx';

mount(({ text, streaming }) => <Streamdown isAnimating={streaming}>{text}</Streamdown>);
