{{/* The five services, by their key in values.yaml. */}}
{{- define "ferry.serviceKeys" -}}
planner repo build deploy data notifier
{{- end -}}

{{/* Release-wide name prefix, short enough that "-notifier-service" still fits Kubernetes' 63 characters. */}}
{{- define "ferry.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A service's application name: planner -> planner-service. Argument: the key. */}}
{{- define "ferry.appName" -}}
{{- printf "%s-service" . -}}
{{- end -}}

{{/* Name of a service's objects. Argument: dict root, key. */}}
{{- define "ferry.componentName" -}}
{{- printf "%s-%s" (include "ferry.fullname" .root) (include "ferry.appName" .key) -}}
{{- end -}}

{{- define "ferry.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every Ferry pod carries; NetworkPolicies select on them. Argument: the root context. */}}
{{- define "ferry.selectorLabels" -}}
app.kubernetes.io/part-of: ferry
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector of one service's pods. Argument: dict root, key. */}}
{{- define "ferry.componentSelectorLabels" -}}
{{ include "ferry.selectorLabels" .root }}
app.kubernetes.io/name: {{ include "ferry.appName" .key }}
{{- end -}}

{{/* Labels of every object. Argument: dict root, key (key may be empty for release-wide objects). */}}
{{- define "ferry.labels" -}}
{{ include "ferry.selectorLabels" .root }}
{{- if .key }}
app.kubernetes.io/name: {{ include "ferry.appName" .key }}
app.kubernetes.io/component: {{ .key }}
{{- end }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "ferry.chart" .root }}
{{- end -}}

{{/* The image of a service; build-service with buildah may name an image of its own. Argument: dict root, key. */}}
{{- define "ferry.image" -}}
{{- $svc := index .root.Values .key -}}
{{- $image := $svc.image -}}
{{- if eq .key "build" -}}
{{- if and $svc.buildah.enabled $svc.buildah.image.repository -}}
{{- $image = $svc.buildah.image -}}
{{- end -}}
{{- end -}}
{{- $tag := $image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s%s:%s" .root.Values.image.registry $image.repository $tag -}}
{{- end -}}

{{/* A credentialRef as the upper-case part of an environment variable's name (repo-service's FERRY_CREDENTIAL_<REF>). */}}
{{- define "ferry.envRef" -}}
{{- . | upper | regexReplaceAll "[^A-Z0-9]" "_" -}}
{{- end -}}

{{/*
A credentialRef that Spring binds into a map from an environment variable (FERRY_BUILD_CREDENTIALS_<REF>_PASSWORD):
the variable is lower-cased and each underscore becomes a dot, so only lowercase letters and digits survive the trip.
Argument: dict ref, where.
*/}}
{{- define "ferry.mapRef" -}}
{{- if not (regexMatch "^[a-z0-9]+$" (toString .ref)) -}}
{{- fail (printf "%s: ref %q must be lowercase letters and digits only (Spring binds it from an environment variable name); rename the credentialRef in the plan and here" .where (toString .ref)) -}}
{{- end -}}
{{- .ref | upper -}}
{{- end -}}

{{- define "ferry.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
{{- end -}}

{{/* Environment a service reads from existing Secrets. Argument: dict root, key. */}}
{{- define "ferry.secretEnvs" -}}
{{- $v := .root.Values -}}
{{- if $v.secrets.kafka.name }}
{{ include "ferry.secretEnv" (dict "name" "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG" "secret" $v.secrets.kafka.name "key" $v.secrets.kafka.jaasConfigKey) }}
{{- end }}
{{- if eq .key "planner" }}
{{- if $v.planner.databaseUrl }}
{{- if not $v.secrets.postgres.name }}
{{- fail "planner.databaseUrl is set but secrets.postgres.name is empty: name the Secret with the database user and password" }}
{{- end }}
{{ include "ferry.secretEnv" (dict "name" "FERRY_PLANNER_DATABASE_USERNAME" "secret" $v.secrets.postgres.name "key" $v.secrets.postgres.usernameKey) }}
{{ include "ferry.secretEnv" (dict "name" "FERRY_PLANNER_DATABASE_PASSWORD" "secret" $v.secrets.postgres.name "key" $v.secrets.postgres.passwordKey) }}
{{- end }}
{{- if $v.secrets.githubWebhook.name }}
{{ include "ferry.secretEnv" (dict "name" "FERRY_GITHUB_WEBHOOK_SECRET" "secret" $v.secrets.githubWebhook.name "key" $v.secrets.githubWebhook.key) }}
{{- end }}
{{- else if eq .key "repo" }}
{{- range $v.credentials.repositories }}
{{ include "ferry.secretEnv" (dict "name" (printf "FERRY_CREDENTIAL_%s" (include "ferry.envRef" .ref)) "secret" .secretName "key" .tokenKey) }}
{{- end }}
{{- else if eq .key "build" }}
{{- if $v.secrets.aws.name }}
{{ include "ferry.secretEnv" (dict "name" "AWS_ACCESS_KEY_ID" "secret" $v.secrets.aws.name "key" $v.secrets.aws.accessKeyIdKey) }}
{{ include "ferry.secretEnv" (dict "name" "AWS_SECRET_ACCESS_KEY" "secret" $v.secrets.aws.name "key" $v.secrets.aws.secretAccessKeyKey) }}
{{- end }}
{{- range $v.credentials.registries }}
{{- $ref := include "ferry.mapRef" (dict "ref" .ref "where" "credentials.registries") }}
{{ include "ferry.secretEnv" (dict "name" (printf "FERRY_BUILD_CREDENTIALS_%s_USERNAME" $ref) "secret" .secretName "key" .usernameKey) }}
{{ include "ferry.secretEnv" (dict "name" (printf "FERRY_BUILD_CREDENTIALS_%s_PASSWORD" $ref) "secret" .secretName "key" .passwordKey) }}
{{- end }}
{{- else if eq .key "deploy" }}
{{- range $v.credentials.gitops }}
{{- $ref := include "ferry.mapRef" (dict "ref" .ref "where" "credentials.gitops") }}
- name: {{ printf "FERRY_DEPLOY_CREDENTIALS_%s_USERNAME" $ref }}
  value: {{ .username | quote }}
{{ include "ferry.secretEnv" (dict "name" (printf "FERRY_DEPLOY_CREDENTIALS_%s_TOKEN" $ref) "secret" .secretName "key" .tokenKey) }}
{{- end }}
{{- else if eq .key "data" }}
{{- range $v.credentials.databases }}
{{- $ref := include "ferry.mapRef" (dict "ref" .ref "where" "credentials.databases") }}
{{ include "ferry.secretEnv" (dict "name" (printf "FERRY_DATA_CREDENTIALS_%s_USERNAME" $ref) "secret" .secretName "key" .usernameKey) }}
{{ include "ferry.secretEnv" (dict "name" (printf "FERRY_DATA_CREDENTIALS_%s_PASSWORD" $ref) "secret" .secretName "key" .passwordKey) }}
{{- end }}
{{- else if eq .key "notifier" }}
{{- if and $v.secrets.slack.name $v.secrets.slack.botTokenKey }}
{{ include "ferry.secretEnv" (dict "name" "SLACK_BOT_TOKEN" "secret" $v.secrets.slack.name "key" $v.secrets.slack.botTokenKey) }}
{{- end }}
{{- if and $v.secrets.slack.name $v.secrets.slack.webhookUrlKey }}
{{ include "ferry.secretEnv" (dict "name" "SLACK_WEBHOOK_URL" "secret" $v.secrets.slack.name "key" $v.secrets.slack.webhookUrlKey) }}
{{- end }}
{{- end }}
{{- end -}}
