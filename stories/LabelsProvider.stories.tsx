import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { fn } from 'storybook/test';
import { Composer, ErrorNotice, LabelsProvider, Message, TypingIndicator, UsageMeter, defaultLabels, type LabelsProviderProps } from '../src/ui';
import { GERMAN_LABELS as GERMAN } from './mock/german-labels';
import { assistantMessage, scenarioReply, scenarioToolResults } from './mock/messages';
import { threeStepParts, toolPart } from './mock/parts';

function Showcase() {
  const [value, setValue] = useState('');
  return (
    <div style={{ maxWidth: 'var(--ask-max-width)', margin: '0 auto', display: 'grid', gap: '1rem' }}>
      <Message message={scenarioReply('tool-call')} toolResults={scenarioToolResults('tool-call')} onRetry={fn()} showUsage pricePer1k={0.002} />
      <Message message={assistantMessage({ id: 'r', status: 'complete', content: 'Die Antwort.', reasoning: 'Kurz überlegt.' })} />
      <Message
        message={assistantMessage({ id: 'p', status: 'streaming', content: '', parts: [...threeStepParts, { type: 'step-start' }, toolPart('approval-requested', { id: 'call_delete', name: 'delete_note', args: { id: 7 } })] })}
        onApprove={fn()}
        onDeny={fn()}
      />
      <TypingIndicator />
      <UsageMeter usage={{ promptTokens: 1200, completionTokens: 340 }} pricePer1k={0.002} currency="EUR" locale="de-DE" />
      <ErrorNotice error={{ message: 'Zu viele Anfragen.', code: 'http', status: 429 }} onRetry={fn()} />
      <Composer value={value} onChange={setValue} onSubmit={() => setValue('')} />
    </div>
  );
}

const meta: Meta<LabelsProviderProps> = {
  title: 'Components/LabelsProvider',
  component: LabelsProvider,
  args: { labels: GERMAN },
  argTypes: { labels: { control: 'object' }, children: { control: false } },
  render: (args) => (
    <LabelsProvider {...args}>
      <Showcase />
    </LabelsProvider>
  ),
};
export default meta;
type Story = StoryObj<LabelsProviderProps>;

/** Every built-in string replaced for everything below the provider (edit them in Controls). */
export const German: Story = {};

/** Only some labels: the rest keep their defaults. */
export const PartialOverride: Story = {
  args: { labels: { send: 'Go', retry: 'Again', copy: 'Copy reply' } },
};

/** The defaults, for reference. */
export const Defaults: Story = {
  args: { labels: defaultLabels },
};
