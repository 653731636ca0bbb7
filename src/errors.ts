/** Coded errors: start-up problems carry enough to name the file and field at fault. */
export class KubetriageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface KnowledgeProblem {
  file: string;
  field: string;
  message: string;
}

export class KnowledgeError extends KubetriageError {
  constructor(readonly problems: KnowledgeProblem[]) {
    super('KNOWLEDGE_INVALID', problems.map((p) => `${p.file}: ${p.field}: ${p.message}`).join('\n'));
  }
}
