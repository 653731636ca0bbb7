import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { type Catalog, loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

const factEntry = (id: string, fact: Record<string, unknown>) =>
  incidentData(id, { signatures: [{ id: 'fact', fact, strength: 'strong' }], examples: { match: [{ text: 'x' }] } });

let kb: Catalog;
beforeAll(async () => {
  kb = await loadCatalog(
    await knowledgeDir({
      'ns-terminating.yaml': factEntry('ns-terminating', { kind: 'Namespace', field: 'STATUS', equals: 'Terminating' }),
      'sa-bare.yaml': factEntry('sa-bare', { kind: 'ServiceAccount', name: 'robot', field: 'Annotations', equals: '<none>' }),
    }),
  );
});
const best = (text: string) => diagnose(text, kb).matches.find((m) => m.matched)?.id;

describe('fact signatures', () => {
  it('match a table cell when the command names the kind', () => {
    expect(best('$ kubectl get ns\nNAME     STATUS        AGE    EXTRA\nteam-a   Terminating   3d     x')).toBe('ns-terminating');
  });

  it('do not match a cell of a table whose kind the paste does not show, when the condition names no object', () => {
    expect(best('NAME     STATUS        AGE    EXTRA\nteam-a   Terminating   3d     x')).toBeUndefined();
  });

  it('do not match another kind that has the same column', () => {
    expect(
      best('$ kubectl get pods\nNAME     READY   STATUS        RESTARTS   AGE\nweb-1    0/1     Terminating   0          3d'),
    ).toBeUndefined();
  });

  it('match a describe block of unknown kind when the condition names the object, and only that object', () => {
    expect(best('Name:         robot\nNamespace:    default\nAnnotations:  <none>')).toBe('sa-bare');
    expect(best('Name:         other\nNamespace:    default\nAnnotations:  <none>')).toBeUndefined();
  });

  it('read an excerpt of describe output that starts below the Name line, taking kind and object from the command', () => {
    expect(best('$ kubectl describe sa -n kube-system robot\n\nAnnotations:  <none>\nEvents:       <none>')).toBe('sa-bare');
    expect(best('$ kubectl describe sa other\nAnnotations:  <none>')).toBeUndefined();
    // the same fields after a get command, or far below the describe command, are no block
    expect(best('$ kubectl get sa robot\nAnnotations:  <none>')).toBeUndefined();
    expect(best('$ kubectl describe sa robot\nsome text\nmore text\nAnnotations:  <none>')).toBeUndefined();
  });

  it('an unknown kind in a condition is a load error naming file and field', async () => {
    const dir = await knowledgeDir({ 'bad-kind.yaml': factEntry('bad-kind', { kind: 'Wizard', field: 'STATUS', equals: 'x' }) });
    await expect(loadCatalog(dir)).rejects.toThrow(/bad-kind\.yaml.*signatures\.0\.fact\.kind.*unknown kind "Wizard"/s);
  });
});
