/** A reply that uses every GFM construct, for streaming tests. */
export const sampleReply = `# Streaming markdown

Some **bold**, *italic*, ~~struck~~ and \`inline code\` text with a [link](https://example.com "Example").
A second line with a hard break  
and an autolink: https://example.org and <mailto:me@example.com>.

## A list

- first item
- second item with **bold**

- loose third item after a blank line
  continued with an indented line

1. one
2. two
3. three

- [x] done task
- [ ] open task

> A quote with *emphasis*
> spanning two lines

\`\`\`ts
function greet(name: string) {
  return \`Hello, \${name}!\`;
}
\`\`\`

| Name | Age | City |
|:-----|----:|:----:|
| Ada  | 36  | London |
| Alan | 41  | Wilmslow |

![A diagram](https://example.com/diagram.png)

---

Setext heading
--------------

    indented code
    stays code

[ref link][docs] and the end.

[docs]: https://example.com/docs

Final paragraph &amp; entities &copy; 2025.
`;

/** Splits text into model-like tokens: short runs of 1–6 characters. */
export function tokenize(text: string, seed = 1): string[] {
  const out: string[] = [];
  let state = seed;
  for (let i = 0; i < text.length; ) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const size = 1 + (state % 6);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

/** Emphasis, code spans, links and tables packed together: the hard cases for streaming repair. */
export const trickyReply = `Use **\`npm\`** or _yarn_ to install.

1. Step **one** with [a link](https://a.b/c_d) and ~~old~~ text.
2. Step two: \`a*b*c\`

* star list
* with __underscores__

| Col *a* | Col **b** |
| --- | :---: |
| [x](https://x.y) | \`code\` |

Snake_case_names and 2*3*4 math.

> **Note**
> quoted [link](http://q.r)
`;
