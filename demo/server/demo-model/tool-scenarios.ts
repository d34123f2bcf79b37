/**
 * Demo scenarios whose tools the page runs (client tools): the model calls a tool, the reply's
 * step ends with `tool_calls`, and the page sends the conversation again with the result. Each
 * request is one step: what the model says next depends on the calls of the turn so far.
 */
import type { ToolCallPart } from '../../../src/core/message-parts';
import type { ScenarioInfo, Script, Segment } from './scenarios';

/** The page's tools these scenarios call (demo/app/tools.tsx defines them). */
export type ClientToolName = 'get_time_zone' | 'delete_note' | 'pick_date';

export const CLIENT_TOOL_SCENARIOS: ScenarioInfo[] = [
  { command: '/time', description: 'The model calls get_time_zone, which runs in your browser, then uses its answer' },
  { command: '/delete', description: 'The model calls delete_note, which waits for your Approve / Deny' },
  { command: '/date', description: 'The model calls pick_date, which the reply answers with a date picker' },
  { command: '/plan', description: 'Three steps: your time zone, then a date you pick, then the plan' },
];

/** Where the turn stands: the calls the reply made so far (with their outcomes) and the tools offered. */
export interface ToolTurn {
  calls: readonly ToolCallPart[];
  /** Names of the tools the request offered (`tools` of the kit request body). */
  offered: ReadonlySet<string>;
  /** Makes call ids unique in the conversation. */
  callId(name: ClientToolName): string;
}

const text = (value: string): Segment => ({ kind: 'text', text: value });
const call = (turn: ToolTurn, name: ClientToolName, args: Record<string, unknown>): Segment => ({ kind: 'client-tool', id: turn.callId(name), name, args });
const script = (name: string, ...segments: Segment[]): Script => ({ name, segments });

/** The script of this step of a client-tool scenario; undefined for other commands. */
export function clientToolScript(command: string, turn: ToolTurn): Script | undefined {
  const steps = STEPS[command];
  if (!steps) return undefined;
  const missing = steps.needs.find((name) => !turn.offered.has(name));
  if (missing) {
    return script(
      'tool-missing',
      text(`This scenario needs the page's \`${missing}\` tool, and this request did not offer it. Open the demo page to try it: the page defines the tool and runs it.\n`),
    );
  }
  return steps.next(turn);
}

/** The last call of `name` in the turn, when it has an outcome. */
function outcome(turn: ToolTurn, name: ClientToolName): ToolCallPart | undefined {
  return turn.calls.findLast((part) => part.name === name);
}

function failure(part: ToolCallPart): string | undefined {
  if (part.state === 'output-error') return `the tool failed (${part.errorText ?? 'no reason given'})`;
  if (part.state === 'output-denied') return `you declined${part.denialReason ? ` ("${part.denialReason}")` : ''}`;
  return part.state === 'output-available' ? undefined : `it never answered (state ${part.state})`;
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const shown = (value: unknown, fallback: string) => (typeof value === 'string' && value ? value.replace(/[`*_[\]<>\\]/g, '') : fallback);

function timeZoneText(part: ToolCallPart): string {
  const { timeZone, localTime } = record(part.output);
  return `**${shown(timeZone, 'an unknown zone')}**, where it is ${shown(localTime, 'an unknown time')}`;
}

/** `2026-03-03` → `Tuesday, 3 March 2026` (the day as picked: no time zone shifts it). */
function dateText(part: ToolCallPart): string | undefined {
  const { date } = record(part.output);
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const day = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(day.getTime())) return undefined;
  return day.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

const STEPS: Record<string, { needs: ClientToolName[]; next(turn: ToolTurn): Script }> = {
  time: {
    needs: ['get_time_zone'],
    next(turn) {
      const zone = outcome(turn, 'get_time_zone');
      if (!zone) {
        return script(
          'time',
          { kind: 'reasoning', text: 'The server cannot know the user’s time zone; the browser can. I will ask the page’s get_time_zone tool.' },
          text('Let me ask your browser.'),
          call(turn, 'get_time_zone', {}),
        );
      }
      const failed = failure(zone);
      if (failed) return script('time-failed', text(`I could not read your time zone: ${failed}.\n`));
      return script('time-answer', text(`Your browser is in ${timeZoneText(zone)}. That came from the page itself (\`Intl.DateTimeFormat\`): the server never saw your clock.\n`));
    },
  },
  delete: {
    needs: ['delete_note'],
    next(turn) {
      const deletion = outcome(turn, 'delete_note');
      if (!deletion) {
        return script('delete', text('I will delete your note **Groceries**. Deleting needs your approval, so the page asks you first.'), call(turn, 'delete_note', { id: 42, title: 'Groceries' }));
      }
      if (deletion.state === 'output-denied') {
        return script('delete-denied', text(`Understood: the note **Groceries** stays${deletion.denialReason ? ` (you said: "${shown(deletion.denialReason, '')}")` : ''}. Nothing was deleted.\n`));
      }
      const failed = failure(deletion);
      if (failed) return script('delete-failed', text(`The note was not deleted: ${failed}.\n`));
      return script('delete-done', text('Done: the note **Groceries** is deleted. (It was a pretend note: the demo has no notebook.)\n'));
    },
  },
  date: {
    needs: ['pick_date'],
    next(turn) {
      const picked = outcome(turn, 'pick_date');
      if (!picked) return script('date', text('When should the team meet? Pick a day in the reply below.'), call(turn, 'pick_date', { purpose: 'Team meeting' }));
      const failed = failure(picked);
      const day = failed ? undefined : dateText(picked);
      if (!day) return script('date-failed', text(`I did not get a date: ${failed ?? 'the answer was not a date'}.\n`));
      return script('date-answer', text(`Booked: the team meeting is on **${day}**.\n`));
    },
  },
  plan: {
    needs: ['get_time_zone', 'pick_date'],
    next(turn) {
      const zone = outcome(turn, 'get_time_zone');
      if (!zone) return script('plan-1', text('Planning a call. First, where are you?'), call(turn, 'get_time_zone', {}));
      const picked = outcome(turn, 'pick_date');
      if (!picked) {
        const where = failure(zone) ? 'I could not read your time zone, so I will use UTC.' : `You are in ${timeZoneText(zone)}.`;
        return script('plan-2', text(`${where} Which day suits you?`), call(turn, 'pick_date', { purpose: 'Planning call' }));
      }
      const day = failure(picked) ? undefined : dateText(picked);
      const zoneName = failure(zone) ? 'UTC' : shown(record(zone.output).timeZone, 'UTC');
      if (!day) return script('plan-failed', text('Without a day there is no plan. Ask again when you know.\n'));
      return script('plan-3', text(`The plan: a 30-minute call on **${day}** at 10:00 **${zoneName}** time.\n`));
    },
  },
};
