// (b) useChat + react-markdown + remark-gfm.
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { mount } from './usechat-app.jsx';

const plugins = [remarkGfm];
mount(({ text }) => <Markdown remarkPlugins={plugins}>{text}</Markdown>);
