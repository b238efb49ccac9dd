// psa-check evaluates every pod template in Kubernetes manifests with the Pod Security Admission
// library (k8s.io/pod-security-admission, the code the API server runs) at a given level.
//
// Usage: psa-check [-level restricted] FILE...   (multi-document YAML; exit 1 on any violation)
//
// Prints one JSON line per pod template it evaluated (and per object it could not evaluate):
// {"file","object","problems":[{"rule","message"}]}, so a caller counts what was really checked.
// Objects without a pod template (Service, ConfigMap, …) print nothing. A summary goes to stderr.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
	"sigs.k8s.io/yaml"
)

type typeMeta struct {
	Kind     string            `json:"kind"`
	Metadata metav1.ObjectMeta `json:"metadata"`
	// Set when an object of a kind podOf does not know carries a pod template anyway.
	Spec struct {
		Template    *json.RawMessage `json:"template"`
		JobTemplate *json.RawMessage `json:"jobTemplate"`
	} `json:"spec"`
}

type problem struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

type report struct {
	File     string    `json:"file"`
	Object   string    `json:"object"`
	Problems []problem `json:"problems"`
}

func emit(r report) {
	if r.Problems == nil {
		r.Problems = []problem{}
	}
	line, _ := json.Marshal(r)
	fmt.Println(string(line))
}

// podOf returns the pod metadata and spec of a workload, or nil for other kinds.
func podOf(kind string, doc []byte) (*metav1.ObjectMeta, *corev1.PodSpec, error) {
	switch kind {
	case "Pod":
		var o corev1.Pod
		err := yaml.UnmarshalStrict(doc, &o)
		return &o.ObjectMeta, &o.Spec, err
	case "Deployment":
		var o appsv1.Deployment
		err := yaml.UnmarshalStrict(doc, &o)
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, err
	case "StatefulSet":
		var o appsv1.StatefulSet
		err := yaml.UnmarshalStrict(doc, &o)
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, err
	case "DaemonSet":
		var o appsv1.DaemonSet
		err := yaml.UnmarshalStrict(doc, &o)
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, err
	case "Job":
		var o batchv1.Job
		err := yaml.UnmarshalStrict(doc, &o)
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, err
	case "CronJob":
		var o batchv1.CronJob
		err := yaml.UnmarshalStrict(doc, &o)
		return &o.Spec.JobTemplate.Spec.Template.ObjectMeta, &o.Spec.JobTemplate.Spec.Template.Spec, err
	}
	return nil, nil, nil
}

func main() {
	levelName := flag.String("level", "restricted", "baseline or restricted")
	flag.Parse()
	level, err := api.ParseLevel(*levelName)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	evaluator, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	lv := api.LevelVersion{Level: level, Version: api.LatestVersion()}
	pods, problems := 0, 0
	for _, file := range flag.Args() {
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		reader := utilyaml.NewYAMLReader(bufioReader(data))
		for {
			doc, err := reader.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			var tm typeMeta
			if err := yaml.Unmarshal(doc, &tm); err != nil || tm.Kind == "" {
				continue
			}
			object := tm.Kind + "/" + tm.Metadata.Name
			meta, spec, err := podOf(tm.Kind, doc)
			if err != nil {
				problems++
				emit(report{file, object, []problem{{"strict-decode", "does not decode strictly: " + err.Error()}}})
				continue
			}
			if spec == nil {
				if tm.Spec.Template != nil || tm.Spec.JobTemplate != nil {
					problems++
					emit(report{file, object, []problem{{"unsupported-kind", "has a pod template, but psa-check does not know kind " + tm.Kind}}})
				}
				continue
			}
			pods++
			r := report{File: file, Object: object}
			for _, result := range evaluator.EvaluatePod(lv, meta, spec) {
				if !result.Allowed {
					problems++
					r.Problems = append(r.Problems, problem{"restricted", result.ForbiddenReason + ": " + result.ForbiddenDetail})
				}
			}
			emit(r)
		}
	}
	fmt.Fprintf(os.Stderr, "psa-check (%s, %s): %d pod template(s), %d problem(s)\n", lv.Level, lv.Version.String(), pods, problems)
	if problems > 0 {
		os.Exit(1)
	}
}

func bufioReader(data []byte) *bufio.Reader { return bufio.NewReader(bytes.NewReader(data)) }
