'use client';

import { useActionState, useEffect, useId, useRef, useState } from 'react';
import { postCommentAction, type CommentFormState } from '@/lib/comments/actions';
import { cleanCommentBody, cleanCommentName, commentLimits, validateCommentFields, visibleLength, type FieldErrors, type PublicComment } from '@/lib/comments/schema';

type Props = {
  article: string;
  parentId?: number;
  onPosted?: (comment: PublicComment, held: boolean) => void;
  onCancel?: () => void;
};

const initial: CommentFormState = { status: 'idle', values: { name: '', body: '' }, submission: 0 };

/**
 * Posts through a server action, so the same form works without JavaScript:
 * the page is then rendered again with the result, errors beside the fields
 * and what the reader typed still in them.
 */
export function CommentForm({ article, parentId, onPosted, onCancel }: Props) {
  const [state, action, pending] = useActionState(postCommentAction, initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // The counter follows typing; after each submission the textarea is remounted with the returned text.
  const [typed, setTyped] = useState({ submission: 0, length: 0 });
  const bodyLength = typed.submission === state.submission ? typed.length : visibleLength(state.values.body);
  const id = useId();
  const reported = useRef(0);

  useEffect(() => {
    if (state.submission === reported.current) return;
    reported.current = state.submission;
    if ((state.status === 'posted' || state.status === 'held') && state.comment) {
      onPosted?.(state.comment, state.status === 'held');
    }
  }, [state, onPosted]);

  const errors: FieldErrors = { ...state.fields, ...clientErrors };
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    const found = validateCommentFields(cleanCommentName(String(data.get('name') ?? '')), cleanCommentBody(String(data.get('body') ?? '')));
    setClientErrors(found);
    if (found.name || found.body) {
      event.preventDefault();
      event.currentTarget.querySelector<HTMLElement>(found.name ? '[name=name]' : '[name=body]')?.focus();
    }
  };

  return (
    <form action={action} onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded border border-stone-200 bg-stone-50 p-4">
      <input type="hidden" name="article" value={article} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      {/* A field people never see: bots that fill every input give themselves away. */}
      <div aria-hidden="true" className="absolute -m-px h-px w-px overflow-hidden whitespace-nowrap [clip:rect(0,0,0,0)]">
        <label htmlFor={`${id}-website`}>لا تملأ هذا الحقل</label>
        <input id={`${id}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-name`} className="font-bold">الاسم</label>
        <input
          id={`${id}-name`}
          name="name"
          dir="auto"
          autoComplete="name"
          defaultValue={state.values.name}
          key={`name-${state.submission}`}
          aria-invalid={!!errors.name}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
          onInput={() => setClientErrors((e) => ({ ...e, name: undefined }))}
          className="min-h-11 rounded border border-stone-400 bg-white px-3"
        />
        {errors.name ? <p id={`${id}-name-error`} className="text-sm font-bold text-brand-700">{errors.name}</p> : null}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-body`} className="font-bold">{parentId ? 'ردّك' : 'التعليق'}</label>
        <textarea
          id={`${id}-body`}
          name="body"
          dir="auto"
          rows={4}
          defaultValue={state.values.body}
          key={`body-${state.submission}`}
          aria-invalid={!!errors.body}
          aria-describedby={`${id}-counter${errors.body ? ` ${id}-body-error` : ''}`}
          onInput={(event) => {
            setTyped({ submission: state.submission, length: visibleLength(event.currentTarget.value) });
            setClientErrors((e) => ({ ...e, body: undefined }));
          }}
          className="rounded border border-stone-400 bg-white p-3"
        />
        <p id={`${id}-counter`} className={`text-sm ${bodyLength > commentLimits.bodyMax ? 'font-bold text-brand-700' : 'text-muted'}`}>
          {bodyLength} / {commentLimits.bodyMax} حرف
        </p>
        {errors.body ? <p id={`${id}-body-error`} className="text-sm font-bold text-brand-700">{errors.body}</p> : null}
      </div>
      {state.message ? (
        <p role={state.status === 'error' ? 'alert' : 'status'} className={state.status === 'error' ? 'font-bold text-brand-700' : 'font-bold text-green-800'}>
          {state.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="min-h-11 rounded bg-brand-700 px-6 font-bold text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? 'جارٍ الإرسال…' : parentId ? 'أرسل الرد' : 'أرسل التعليق'}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} className="min-h-11 rounded border border-stone-300 px-4">إلغاء</button>
        ) : null}
      </div>
    </form>
  );
}
