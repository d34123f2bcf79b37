import type { Meta, StoryObj } from '@storybook/react-vite';
import { UsageMeter, type UsageMeterProps } from '../src/ui';

const meta: Meta<UsageMeterProps> = {
  title: 'Components/UsageMeter',
  component: UsageMeter,
  args: { usage: { promptTokens: 1240, completionTokens: 385, totalTokens: 1625 }, currency: 'USD', locale: 'en-US' },
  argTypes: {
    usage: { control: 'object' },
    pricePer1k: { control: 'object' },
    cost: { control: 'number' },
    locale: { control: 'select', options: ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'ar-EG'] },
    currency: { control: 'select', options: ['USD', 'EUR', 'GBP', 'JPY'] },
  },
};
export default meta;
type Story = StoryObj<UsageMeterProps>;

export const TokensOnly: Story = {};

/** One price per 1,000 tokens: the cost is worked out (`costOf`). */
export const WithPrice: Story = {
  args: { pricePer1k: 0.002 },
};

/** Separate prompt and completion prices. */
export const SplitPrice: Story = {
  args: { pricePer1k: { prompt: 0.003, completion: 0.015 } },
};

/** A cost you already know. */
export const KnownCost: Story = {
  args: { cost: 1.2345 },
};

export const GermanEuro: Story = {
  args: { usage: { promptTokens: 123456, completionTokens: 7890, totalTokens: 131346 }, pricePer1k: 0.0025, currency: 'EUR', locale: 'de-DE' },
};

/** Only a total (some providers report nothing else). */
export const TotalOnly: Story = {
  args: { usage: { totalTokens: 512 } },
};
