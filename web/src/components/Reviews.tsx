// Reviews: one review as shown everywhere, the guest's write / edit / delete
// of the review of a booking, and the host's reply. Which one a booking
// offers comes from the API: `reviewable` (may be reviewed now) and
// `review_id` (already reviewed).
import { useState, type FormEvent, type ReactNode } from "react";
import { Link } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { multipartBody, type Booking, type Review } from "@ourspace/client";
import { api, ApiError, must } from "../lib/api";
import { fieldErrors, problemMessage } from "../lib/problem";
import { formatInstant } from "../lib/format";
import { Field } from "./Field";
import { ErrorState, Loading } from "./States";

/** How long after a booking's end its review may be written, edited or deleted (the API's rule). */
export const REVIEW_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/** Whether the review of a booking that ended at `end` may still be edited or deleted. */
export function reviewOpen(end: string, now = Date.now()): boolean {
  return now < Date.parse(end) + REVIEW_WINDOW_MS;
}

export function ReviewItem({ r, children }: { r: Review; children?: ReactNode }) {
  return (
    <li className="review">
      <p>
        <strong>{r.author_nickname}</strong>{" "}
        <span aria-label={`평점 ${r.rating}점`}>
          {"★".repeat(r.rating)}
          {"☆".repeat(5 - r.rating)}
        </span>{" "}
        <small>
          {formatInstant(r.created_at)}
          {r.edited_at ? " (수정됨)" : ""}
        </small>
      </p>
      <p className="prewrap">{r.body}</p>
      {r.photos.length > 0 && (
        <div className="review-photos">
          {r.photos.map((p, i) => (
            <img key={p.url} src={p.thumbnail_url} alt={`리뷰 사진 ${i + 1}`} width={80} height={80} loading="lazy" />
          ))}
        </div>
      )}
      {r.reply && (
        <blockquote className="reply">
          <p>
            <strong>호스트 답글</strong> <small>{formatInstant(r.reply.replied_at)}</small>
          </p>
          <p className="prewrap">{r.reply.body}</p>
        </blockquote>
      )}
      {children}
    </li>
  );
}

function useReview(id: number) {
  return useQuery({
    queryKey: ["review", id],
    queryFn: async () => must(await api.GET("/v1/reviews/{id}", { params: { path: { id } } })),
  });
}

/** After a review changed: the booking, the space's rating and lists. */
function useReviewChanged(spaceId: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["bookings"] });
    void queryClient.invalidateQueries({ queryKey: ["space", spaceId] });
    void queryClient.invalidateQueries({ queryKey: ["reviews", spaceId] });
  };
}

function problemOf(err: unknown) {
  return err instanceof ApiError ? err.problem : undefined;
}

/** The guest's side of a booking's review: write it, or see, edit and delete it. */
export function GuestReview({ b }: { b: Booking }) {
  const [note, setNote] = useState<"posted" | "deleted" | null>(null);
  if (b.review_id) return <OwnReview b={b} id={b.review_id} posted={note === "posted"} onDeleted={() => setNote("deleted")} />;
  if (b.reviewable)
    return (
      <>
        {note === "deleted" && (
          <p className="confirm" role="status">
            리뷰를 삭제했습니다.
          </p>
        )}
        <ReviewForm b={b} onPosted={() => setNote("posted")} />
      </>
    );
  if (b.status === "completed") return <p className="hint">리뷰는 이용 후 14일 안에 쓸 수 있습니다. 이 예약은 기간이 지났습니다.</p>;
  return null;
}

function ReviewForm({ b, onPosted }: { b: Booking; onPosted: () => void }) {
  const [rating, setRating] = useState(5);
  const [body, setBody] = useState("");
  const [photos, setPhotos] = useState<File[]>([]);
  const queryClient = useQueryClient();
  const changed = useReviewChanged(b.space_id);
  const post = useMutation({
    mutationFn: async () =>
      must(
        await api.POST("/v1/bookings/{id}/review", {
          params: { path: { id: b.id } },
          body: { rating, body, photos },
          bodySerializer: multipartBody,
        }),
      ),
    onSuccess: (review) => {
      queryClient.setQueryData(["review", review.id], review);
      queryClient.setQueryData(["bookings", b.id], { ...b, review_id: review.id, reviewable: false });
      onPosted();
      changed();
    },
  });
  const errs = fieldErrors(problemOf(post.error));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate();
  };
  return (
    <form className="form" onSubmit={submit}>
      <h2>리뷰 쓰기</h2>
      <Field label="평점" id="rating" error={errs["rating"]}>
        <select id="rating" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {"★".repeat(n)} {n}점
            </option>
          ))}
        </select>
      </Field>
      <Field label="리뷰 내용" id="review-body" error={errs["body"]}>
        <textarea id="review-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} required />
      </Field>
      <Field label="사진 (최대 5장)" id="review-photos" error={errs["photos"]}>
        <input id="review-photos" type="file" accept="image/*" multiple onChange={(e) => setPhotos([...(e.target.files ?? [])].slice(0, 5))} />
      </Field>
      {post.isError && !Object.keys(errs).length && (
        <p className="form-error" role="alert">
          {problemMessage(problemOf(post.error))}
        </p>
      )}
      <button type="submit" className="primary" disabled={post.isPending}>
        리뷰 등록
      </button>
    </form>
  );
}

function OwnReview({ b, id, posted, onDeleted }: { b: Booking; id: number; posted: boolean; onDeleted: () => void }) {
  const review = useReview(id);
  const queryClient = useQueryClient();
  const changed = useReviewChanged(b.space_id);
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState(false);
  const open = reviewOpen(b.end);
  const remove = useMutation({
    mutationFn: async () => must(await api.DELETE("/v1/reviews/{id}", { params: { path: { id } } })),
    onSuccess: () => {
      // The booking first: this review then leaves the page before its
      // query could be asked again (a 404 now).
      queryClient.setQueryData(["bookings", b.id], { ...b, review_id: undefined, reviewable: open });
      onDeleted();
      changed();
    },
  });
  return (
    <section aria-labelledby="my-review-h">
      <h2 id="my-review-h">내 리뷰</h2>
      {posted && (
        <p className="confirm" role="status">
          리뷰를 남겼습니다. <Link to={`/spaces/${b.space_id}`}>공간에서 보기</Link>
        </p>
      )}
      {review.isPending ? (
        <Loading />
      ) : review.isError ? (
        <ErrorState error={review.error} retry={() => review.refetch()} />
      ) : editing ? (
        <ReviewEditForm review={review.data} onDone={() => setEditing(false)} />
      ) : (
        <ul className="reviews">
          <ReviewItem r={review.data}>
            {open && !asking && (
              <div className="row-actions">
                <button type="button" onClick={() => setEditing(true)}>
                  리뷰 수정
                </button>
                <button type="button" className="danger" onClick={() => setAsking(true)}>
                  리뷰 삭제
                </button>
              </div>
            )}
            {asking && (
              <div role="dialog" aria-labelledby="delete-review-h" className="dialog">
                <h3 id="delete-review-h">리뷰를 삭제할까요?</h3>
                <p>사진과 호스트의 답글도 함께 지워집니다. 이용 후 14일 안에는 다시 쓸 수 있습니다.</p>
                <div className="row-actions">
                  <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
                    삭제
                  </button>
                  <button type="button" onClick={() => setAsking(false)}>
                    돌아가기
                  </button>
                </div>
              </div>
            )}
          </ReviewItem>
        </ul>
      )}
      {remove.isError && (
        <p className="form-error" role="alert">
          {problemMessage(problemOf(remove.error))}
        </p>
      )}
      {!open && <p className="hint">리뷰는 이용 후 14일 안에만 고치거나 지울 수 있습니다.</p>}
    </section>
  );
}

function ReviewEditForm({ review, onDone }: { review: Review; onDone: () => void }) {
  const [rating, setRating] = useState(review.rating);
  const [body, setBody] = useState(review.body);
  const queryClient = useQueryClient();
  const changed = useReviewChanged(review.space_id);
  const save = useMutation({
    mutationFn: async () => must(await api.PATCH("/v1/reviews/{id}", { params: { path: { id: review.id } }, body: { rating, body } })),
    onSuccess: (r) => {
      queryClient.setQueryData(["review", r.id], r);
      changed();
      onDone();
    },
  });
  const errs = fieldErrors(problemOf(save.error));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby="edit-review-h">
      <h3 id="edit-review-h">리뷰 수정</h3>
      <Field label="평점" id="edit-rating" error={errs["rating"]}>
        <select id="edit-rating" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {"★".repeat(n)} {n}점
            </option>
          ))}
        </select>
      </Field>
      <Field label="리뷰 내용" id="edit-review-body" error={errs["body"]}>
        <textarea id="edit-review-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} required />
      </Field>
      {save.isError && !Object.keys(errs).length && (
        <p className="form-error" role="alert">
          {problemMessage(problemOf(save.error))}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          수정 저장
        </button>
        <button type="button" onClick={onDone}>
          취소
        </button>
      </div>
    </form>
  );
}

/** The host's side of a booking's review: read it and reply. */
export function HostReview({ b }: { b: Booking }) {
  if (!b.review_id) return null;
  return <HostReviewOf id={b.review_id} />;
}

function HostReviewOf({ id }: { id: number }) {
  const review = useReview(id);
  return (
    <section aria-labelledby="guest-review-h">
      <h2 id="guest-review-h">게스트 리뷰</h2>
      {review.isPending ? (
        <Loading />
      ) : review.isError ? (
        <ErrorState error={review.error} retry={() => review.refetch()} />
      ) : (
        <ul className="reviews">
          <ReviewItem r={review.data}>
            <ReplyEditor review={review.data} />
          </ReviewItem>
        </ul>
      )}
    </section>
  );
}

/** The space's host replies to a review once, then may edit the reply. */
export function ReplyEditor({ review }: { review: Review }) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(review.reply?.body ?? "");
  const queryClient = useQueryClient();
  const changed = useReviewChanged(review.space_id);
  const save = useMutation({
    mutationFn: async () => {
      const req = { params: { path: { id: review.id } }, body: { body } };
      return must(review.reply ? await api.PATCH("/v1/reviews/{id}/reply", req) : await api.POST("/v1/reviews/{id}/reply", req));
    },
    onSuccess: (r) => {
      queryClient.setQueryData(["review", r.id], r);
      changed();
      setEditing(false);
    },
  });
  const errs = fieldErrors(problemOf(save.error));
  const fieldId = `reply-${review.id}`;
  if (review.reply && !editing) {
    return (
      <button type="button" className="link" onClick={() => setEditing(true)}>
        답글 수정
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="form reply-form" onSubmit={submit}>
      <Field label={review.reply ? "답글 수정" : "호스트 답글"} id={fieldId} error={errs["body"]}>
        <textarea id={fieldId} rows={3} value={body} onChange={(e) => setBody(e.target.value)} required />
      </Field>
      {save.isError && !Object.keys(errs).length && (
        <p className="form-error" role="alert">
          {problemMessage(problemOf(save.error))}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {review.reply ? "답글 저장" : "답글 등록"}
        </button>
        {review.reply && (
          <button type="button" onClick={() => setEditing(false)}>
            취소
          </button>
        )}
      </div>
    </form>
  );
}
