// Ways to damage a valid iron seal (Fe26.2*id*salt*iv*ciphertext*expiry*salt*mac~2), shared by the
// cookie's unit tests and the e2e suite: each must be read as "not signed in", never as an error.

function replacePart(seal: string, index: number, replace: (part: string) => string) {
  const [body, version] = seal.split("~");
  const parts = body!.split("*");
  parts[index] = replace(parts[index]!);
  return `${parts.join("*")}~${version}`;
}

const flipFirst = (part: string) => (part[0] === "A" ? "B" : "A") + part.slice(1);

export function tamperWithSeal(valid: string): Record<string, string> {
  return {
    "a flipped ciphertext character": replacePart(valid, 4, flipFirst),
    "a flipped MAC character": replacePart(valid, 7, flipFirst),
    "an emptied MAC (null cipher)": replacePart(valid, 7, () => ""),
    "a far-future expiry": replacePart(valid, 5, () => "99999999999999"),
    "a non-numeric expiry": replacePart(valid, 5, () => "abc"),
    "another seal prefix": valid.replace("Fe26.2", "Fe26.1"),
    "too few parts": valid.split("*").slice(0, 5).join("*"),
    "two seals joined": `${valid}*${valid}`,
    "data after the version": `${valid}~junk`,
    "another version suffix": valid.replace(/~2$/, "~999"),
    "an unknown secret id": replacePart(valid, 1, () => "99"),
    "a base64-wrapped seal": Buffer.from(valid).toString("base64"),
    "plain garbage": "garbage",
    "an empty value": "",
  };
}
