// Hooks benchmark peer: the AI SDK's useChat (default options), rendering text parts as plain text.
import { mount } from './usechat-app.jsx';

mount(({ text }) => <div className="raw">{text}</div>);
