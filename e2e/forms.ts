import type { APIRequestContext } from "@playwright/test";

// Reading the app's HTML forms as a browser without JavaScript submits them.

const ENTITIES: Record<string, string> = {
  "&quot;": '"',
  "&amp;": "&",
  "&#x27;": "'",
  "&#39;": "'",
  "&lt;": "<",
  "&gt;": ">",
};

const decodeEntities = (value: string) => value.replace(/&[#\w]+;/g, (entity) => ENTITIES[entity] ?? entity);

type FormInput = { name?: string; type?: string; value?: string };

/** Each form's markup and its inputs, in page order. */
function formsIn(html: string) {
  return html
    .split("<form")
    .slice(1)
    .map((part) => {
      const markup = part.slice(0, part.indexOf("</form>"));
      const inputs = [...markup.matchAll(/<input([^>]*)>/g)].map(
        ([, attributes]) =>
          Object.fromEntries(
            [...attributes!.matchAll(/([\w$:-]+)="([^"]*)"/g)].map(([, k, v]) => [k!, v!]),
          ) as FormInput,
      );
      return { markup, inputs };
    });
}

function fieldsOf(inputs: FormInput[]): Record<string, string> {
  return Object.fromEntries(
    inputs.filter((input) => input.name).map((input) => [input.name!, decodeEntities(input.value ?? "")]),
  );
}

/**
 * The hidden inputs of the first form on a page whose markup contains `marker` (any form when none is
 * given), with their values: what a browser without JavaScript sends along with the visible fields.
 */
export function readHiddenFormFields(html: string, marker = ""): Record<string, string> {
  const form = formsIn(html).find(({ markup }) => markup.includes(marker));
  if (form === undefined) throw new Error("The page has no such form.");
  return fieldsOf(form.inputs.filter((input) => input.type === "hidden"));
}

/** Fetches a page (`base` and `pagePath`) and reads its form's hidden fields, as readHiddenFormFields does. */
export async function fetchHiddenFormFields(base: string, pagePath: string): Promise<Record<string, string>> {
  return readHiddenFormFields(await (await fetch(new URL(pagePath, base))).text());
}

/** Every form on a page, each as the named inputs and values a browser without JavaScript would send. */
export function readAllForms(html: string): Record<string, string>[] {
  return formsIn(html).map(({ inputs }) => fieldsOf(inputs));
}

/** How a request from another site can look: a foreign Origin, an opaque "null" one, or none at all. */
export const FOREIGN_ORIGINS: Record<string, string>[] = [{ Origin: "http://attacker.test" }, { Origin: "null" }, {}];

/**
 * The server actions a page's scripts can call, by id and name: the ones bound to forms that only exist
 * after JavaScript runs (an answer asked after a submission) are found only here, not in the HTML.
 */
export async function serverActionsCalledFrom(html: string, fetchScript: (path: string) => Promise<string>) {
  const scripts = [...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)].map(([, src]) => src!);
  const actions = new Map<string, string>();
  for (const source of await Promise.all([...new Set(scripts)].map(fetchScript))) {
    for (const [, id, name] of source.matchAll(/createServerReference\)\("([0-9a-f]+)",[^)]*?"(\w+)"\)/g))
      actions.set(id!, name!);
  }
  return actions;
}

export type FormAnswer = { status: number; message: string | undefined };

/**
 * Posts the form on `pagePath` whose markup contains `marker`, as a browser without JavaScript would, over the
 * given client's connection, with `fields` added. A form that keeps state between presses carries the state
 * the page last showed in `$ACTION_1:1`; `forgedState` replaces it. Returns the status and the message the
 * answer shows, if any.
 */
export async function postPageForm(
  request: APIRequestContext,
  pagePath: string,
  marker: string,
  fields: Record<string, string>,
  { forgedState }: { forgedState?: object } = {},
): Promise<FormAnswer> {
  const page = await request.get(pagePath);
  const hidden = readHiddenFormFields(await page.text(), marker);
  if (forgedState) hidden["$ACTION_1:1"] = JSON.stringify([forgedState]);
  const response = await request.post(pagePath, {
    multipart: { ...hidden, ...fields },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  const message = /role="alert"[^>]*>([^<]*)</.exec(await response.text())?.[1];
  return { status: response.status(), message };
}
