// Package s3store is the object store on S3 or any S3-compatible server
// (MinIO, the embedded development server of adapters/s3local), through
// aws-sdk-go-v2. It also makes presigned GET URLs for buckets that are not
// public.
package s3store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/ourspace/ourspace/app/ports"
)

// Config says where the bucket is. Credentials come from the environment of
// the process (never the repository); empty ones fall back to none, for
// servers that accept anonymous requests.
type Config struct {
	Endpoint        string // e.g. http://minio:9000; empty: AWS S3 of Region
	Region          string // default us-east-1
	Bucket          string
	AccessKeyID     string
	SecretAccessKey string
	PathStyle       bool          // bucket in the path (MinIO, most S3-compatible servers)
	PresignTTL      time.Duration // lifetime of presigned GET URLs; default 1 hour
}

// Store implements ports.ObjectStore on one bucket.
type Store struct {
	client  *s3.Client
	presign *s3.PresignClient
	bucket  string
	ttl     time.Duration
}

var _ ports.ObjectStore = (*Store)(nil)

// New makes a client of the bucket; it does not connect.
func New(cfg Config) (*Store, error) {
	if cfg.Bucket == "" {
		return nil, errors.New("s3store: a bucket is required")
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	if cfg.PresignTTL == 0 {
		cfg.PresignTTL = time.Hour
	}
	opts := s3.Options{
		Region:       cfg.Region,
		UsePathStyle: cfg.PathStyle,
		Credentials:  credentials.NewStaticCredentialsProvider(cfg.AccessKeyID, cfg.SecretAccessKey, ""),
		// Checksums only where the API requires them: many S3-compatible
		// servers refuse the SDK's default trailing checksums.
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
		HTTPClient:                 &http.Client{Timeout: 30 * time.Second},
	}
	if cfg.AccessKeyID == "" {
		opts.Credentials = aws.AnonymousCredentials{}
	}
	if cfg.Endpoint != "" {
		opts.BaseEndpoint = aws.String(cfg.Endpoint)
	}
	client := s3.New(opts)
	return &Store{client: client, presign: s3.NewPresignClient(client), bucket: cfg.Bucket, ttl: cfg.PresignTTL}, nil
}

// EnsureBucket creates the bucket when it does not exist yet (development
// servers start empty).
func (s *Store) EnsureBucket(ctx context.Context) error {
	if _, err := s.client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: &s.bucket}); err == nil {
		return nil
	}
	_, err := s.client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &s.bucket})
	var owned *types.BucketAlreadyOwnedByYou
	if err != nil && !errors.As(err, &owned) {
		return fmt.Errorf("create bucket %s: %w", s.bucket, err)
	}
	return nil
}

// Put implements ports.ObjectStore.
func (s *Store) Put(ctx context.Context, key, contentType string, body []byte) error {
	_, err := s.client.PutObject(ctx, &s3.PutObjectInput{Bucket: &s.bucket, Key: &key, ContentType: &contentType,
		ContentLength: aws.Int64(int64(len(body))), Body: bytes.NewReader(body)})
	if err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	return nil
}

// Get implements ports.ObjectStore.
func (s *Store) Get(ctx context.Context, key string) (ports.Object, error) {
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &s.bucket, Key: &key})
	if err != nil {
		var missing *types.NoSuchKey
		var api smithy.APIError
		if errors.As(err, &missing) || (errors.As(err, &api) && api.ErrorCode() == "NotFound") {
			return ports.Object{}, fmt.Errorf("%s: %w", key, ports.ErrObjectNotFound)
		}
		return ports.Object{}, fmt.Errorf("get %s: %w", key, err)
	}
	return ports.Object{Body: out.Body, ContentType: aws.ToString(out.ContentType), Size: aws.ToInt64(out.ContentLength)}, nil
}

// Delete implements ports.ObjectStore.
func (s *Store) Delete(ctx context.Context, key string) error {
	if _, err := s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &s.bucket, Key: &key}); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	return nil
}

// URL implements ports.MediaURLs with a presigned GET, for private buckets.
// Signing is local; it fails only on a broken configuration, which then
// shows as a missing image rather than a failed page.
func (s *Store) URL(key string) string {
	req, err := s.presign.PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: &s.bucket, Key: &key},
		s3.WithPresignExpires(s.ttl))
	if err != nil {
		return ""
	}
	return req.URL
}
