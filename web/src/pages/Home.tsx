import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useCategories, useDistricts } from "../lib/reference";
import { ErrorState, Loading } from "../components/States";

export function HomePage() {
  const categories = useCategories();
  const districts = useDistricts();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  return (
    <div className="page">
      <section className="hero">
        <h1>필요한 공간을, 필요한 시간만큼</h1>
        <p>파티룸 · 연습실 · 스터디룸 · 촬영 스튜디오를 시간 단위로 예약하세요.</p>
        <form
          role="search"
          className="searchbox"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(q.trim() ? `/search?q=${encodeURIComponent(q.trim())}` : "/search");
          }}
        >
          <label htmlFor="home-q" className="sr-only">
            공간 검색
          </label>
          <input id="home-q" type="search" placeholder="지역, 공간 이름으로 검색" value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="submit" className="primary">
            검색
          </button>
        </form>
      </section>
      <section aria-labelledby="cat-h">
        <h2 id="cat-h">어떤 공간을 찾으세요?</h2>
        {categories.isPending ? (
          <Loading />
        ) : categories.isError ? (
          <ErrorState error={categories.error} retry={() => categories.refetch()} />
        ) : (
          <ul className="tiles">
            {categories.data.map((c) => (
              <li key={c.id}>
                <Link to={`/search?category=${c.id}`} className="tile">
                  <img src={c.icon_url} alt="" width={40} height={40} />
                  <span>{c.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="dist-h">
        <h2 id="dist-h">지역별로 보기</h2>
        {districts.isPending ? (
          <Loading />
        ) : districts.isError ? (
          <ErrorState error={districts.error} retry={() => districts.refetch()} />
        ) : (
          <ul className="tiles small">
            {districts.data.map((d) => (
              <li key={d.id}>
                <Link to={`/search?district=${d.id}`} className="tile">
                  <span>{d.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
