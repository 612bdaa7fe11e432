// Reading the app's HTML forms as a browser without JavaScript submits them.

const ENTITIES: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">" };

/**
 * The hidden inputs of the first form on a page whose markup contains `marker` (any form when none is
 * given), with their values: what a browser without JavaScript sends along with the visible fields.
 */
export function readHiddenFormFields(html: string, marker = ""): Record<string, string> {
  const form = html
    .split("<form")
    .slice(1)
    .map((part) => part.slice(0, part.indexOf("</form>")))
    .find((part) => part.includes(marker));
  if (form === undefined) throw new Error("The page has no such form.");
  const fields: Record<string, string> = {};
  for (const [, attributes] of form.matchAll(/<input([^>]*)>/g)) {
    const input = Object.fromEntries([...attributes!.matchAll(/([\w$:-]+)="([^"]*)"/g)].map(([, k, v]) => [k!, v!]));
    if (input.type === "hidden" && input.name) {
      fields[input.name] = (input.value ?? "").replace(/&[#\w]+;/g, (entity: string) => ENTITIES[entity] ?? entity);
    }
  }
  return fields;
}
