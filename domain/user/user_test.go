package user

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNewIdentityRefusesMissingSubject(t *testing.T) {
	tests := []struct {
		name, provider, subject string
	}{
		{"no subject", "kakao", ""},
		{"no provider", "", "12345"},
		{"subject longer than its column", "kakao", strings.Repeat("1", 256)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewIdentity(tt.provider, tt.subject, "라이언", "", ""); !errors.Is(err, ErrInvalidIdentity) {
				t.Errorf("NewIdentity(%q, %q) error = %v, want ErrInvalidIdentity", tt.provider, tt.subject, err)
			}
		})
	}
	if _, err := NewIdentity("kakao", strings.Repeat("1", 255), "", "", ""); err != nil {
		t.Errorf("a 255-byte subject: %v", err)
	}
}

func TestNewIdentityKeepsAGoodProfile(t *testing.T) {
	got, err := NewIdentity("kakao", "4012345678", "라이언", "https://k.kakaocdn.net/p.jpg", "ryan@kakao.com")
	if err != nil {
		t.Fatal(err)
	}
	want := Identity{Provider: "kakao", Subject: "4012345678", Nickname: "라이언", PictureURL: "https://k.kakaocdn.net/p.jpg", Email: "ryan@kakao.com"}
	if got != want {
		t.Errorf("NewIdentity = %+v, want %+v", got, want)
	}
}

func TestNewIdentityNickname(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"missing", "", DefaultNickname},
		{"blank", " \t\n ", DefaultNickname},
		{"trimmed", "  라이언 ", "라이언"},
		{"inner spaces kept", "어피치 님", "어피치 님"},
		{"exactly the limit", strings.Repeat("가", MaxNickname), strings.Repeat("가", MaxNickname)},
		{"cut at the limit in runes, not bytes", strings.Repeat("가", MaxNickname+50), strings.Repeat("가", MaxNickname)},
		{"emoji count as one rune", strings.Repeat("🐻", MaxNickname+1), strings.Repeat("🐻", MaxNickname)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := NewIdentity("kakao", "1", tt.in, "", "")
			if err != nil {
				t.Fatal(err)
			}
			if id.Nickname != tt.want {
				t.Errorf("nickname = %q (%d runes), want %q (%d runes)", id.Nickname, utf8.RuneCountInString(id.Nickname), tt.want, utf8.RuneCountInString(tt.want))
			}
			if !utf8.ValidString(id.Nickname) {
				t.Errorf("nickname %q is not valid UTF-8", id.Nickname)
			}
		})
	}
}

func TestNewIdentityPictureURL(t *testing.T) {
	long := "https://k.kakaocdn.net/" + strings.Repeat("a", MaxURL-len("https://k.kakaocdn.net/"))
	tests := []struct {
		name, in, want string
	}{
		{"https kept", "https://k.kakaocdn.net/p.jpg", "https://k.kakaocdn.net/p.jpg"},
		{"http kept", "http://k.kakaocdn.net/p.jpg", "http://k.kakaocdn.net/p.jpg"},
		{"at the limit kept", long, long},
		{"over the limit dropped", long + "a", ""},
		{"javascript dropped", "javascript:alert(1)", ""},
		{"data dropped", "data:image/png;base64,AAAA", ""},
		{"relative dropped", "/p.jpg", ""},
		{"ftp dropped", "ftp://k.kakaocdn.net/p.jpg", ""},
		{"look-alike scheme dropped", "httpx://k.kakaocdn.net/p.jpg", ""},
		{"missing slashes dropped", "https:k.kakaocdn.net/p.jpg", ""},
		{"missing stays empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := NewIdentity("kakao", "1", "라이언", tt.in, "")
			if err != nil {
				t.Fatalf("a bad picture URL must not refuse the login: %v", err)
			}
			if id.PictureURL != tt.want {
				t.Errorf("picture URL = %.40q…, want %.40q…", id.PictureURL, tt.want)
			}
		})
	}
}

func TestNewIdentityEmail(t *testing.T) {
	long := strings.Repeat("a", MaxEmail-len("@kakao.com")) + "@kakao.com"
	tests := []struct {
		name, in, want string
	}{
		{"kept", "ryan@kakao.com", "ryan@kakao.com"},
		{"at the limit kept", long, long},
		{"over the limit dropped", "a" + long, ""},
		{"no at sign dropped", "ryan.kakao.com", ""},
		{"missing stays empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := NewIdentity("kakao", "1", "라이언", "", tt.in)
			if err != nil {
				t.Fatalf("a bad e-mail must not refuse the login: %v", err)
			}
			if id.Email != tt.want {
				t.Errorf("email = %.40q…, want %.40q…", id.Email, tt.want)
			}
		})
	}
}
